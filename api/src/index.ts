export type { ApiContext, ApiServices } from "./context.ts";
export { type AppRouter, appRouter, createApiCaller } from "./router.ts";
export type { EventView, StepView } from "./views/events.ts";
export type { ResourceView } from "./views/deployment.ts";
export type { StackSummaryView } from "./views/stack.ts";
export type { UpdateView } from "./views/update.ts";
