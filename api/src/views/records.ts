export type { EngineEventRecord, EventsPage, UpdateRecord } from "@procella/updates";
