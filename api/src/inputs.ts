import { z } from "zod";

import { isDomainError, validateOrgName, validateProjectName, validateStackName } from "@procella/types";

/** Builds a string schema checked by one of the CLI's name validators; the validator's message becomes the zod issue. */
function validatedName(validate: (value: string) => void) {
  return z
    .string()
    .max(200)
    .superRefine((value, context) => {
      try {
        validate(value);
      } catch (error) {
        if (!isDomainError(error)) {
          throw error;
        }
        context.addIssue({ code: "custom", message: error.message });
      }
    });
}

export const orgName = validatedName(validateOrgName);
export const projectName = validatedName(validateProjectName);
export const stackName = validatedName(validateStackName);

/** The three names of a stack as the dashboard's URLs carry them. */
export const stackRefInput = z.object({ org: orgName, project: projectName, stack: stackName });
export type StackRefInput = z.infer<typeof stackRefInput>;

export const updateIdInput = z.uuid({ error: "expected an update id (a UUID)" });

/** A stack version: a positive whole number. */
export const versionInput = z.int({ error: "expected a whole number" }).min(1).max(1_000_000_000);
