export { renameStackInDeployment, StackRenameError } from "./rename-stack.ts";
export type { RenameStackOptions, StackIdentity } from "./rename-stack.ts";
