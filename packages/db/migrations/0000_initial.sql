CREATE TABLE "access_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_login" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "access_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"stack_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"update_id" uuid,
	"blob_key" text NOT NULL,
	"format" text DEFAULT 'full' NOT NULL,
	"patch_base_version" integer,
	"size_bytes" integer NOT NULL,
	"stored_bytes" integer NOT NULL,
	"resource_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkpoints_stack_id_version_pk" PRIMARY KEY("stack_id","version")
);
--> statement-breakpoint
CREATE TABLE "update_events" (
	"update_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"timestamp" bigint NOT NULL,
	"type" text NOT NULL,
	"event" jsonb NOT NULL,
	CONSTRAINT "update_events_update_id_sequence_pk" PRIMARY KEY("update_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"update_id" uuid NOT NULL,
	"sequence_id" bigint NOT NULL,
	"entry" jsonb NOT NULL,
	CONSTRAINT "journal_entries_update_id_sequence_id_pk" PRIMARY KEY("update_id","sequence_id")
);
--> statement-breakpoint
CREATE TABLE "stacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_name" text NOT NULL,
	"project_name" text NOT NULL,
	"stack_name" text NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"resource_count" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stack_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'not-started' NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"program" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"environment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requested_by" text NOT NULL,
	"version" integer,
	"base_version" integer,
	"lease_token_hash" text,
	"previous_lease_token_hash" text,
	"lease_expires_at" timestamp with time zone,
	"journal_version" integer DEFAULT 0 NOT NULL,
	"checkpoint_sequence" integer DEFAULT 0 NOT NULL,
	"resource_changes" jsonb,
	"resource_count" integer,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_stack_id_stacks_id_fk" FOREIGN KEY ("stack_id") REFERENCES "public"."stacks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_update_id_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."updates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_events" ADD CONSTRAINT "update_events_update_id_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_update_id_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_stack_id_stacks_id_fk" FOREIGN KEY ("stack_id") REFERENCES "public"."stacks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_tokens_user_idx" ON "access_tokens" USING btree ("user_login");--> statement-breakpoint
CREATE UNIQUE INDEX "stacks_org_project_stack_key" ON "stacks" USING btree ("org_name","project_name","stack_name");--> statement-breakpoint
CREATE UNIQUE INDEX "updates_one_running_per_stack" ON "updates" USING btree ("stack_id") WHERE "updates"."status" = 'in-progress' and not "updates"."dry_run";--> statement-breakpoint
CREATE INDEX "updates_stack_created_idx" ON "updates" USING btree ("stack_id","created_at");--> statement-breakpoint
CREATE INDEX "updates_active_idx" ON "updates" USING btree ("status","lease_expires_at") WHERE "updates"."status" in ('not-started', 'in-progress');