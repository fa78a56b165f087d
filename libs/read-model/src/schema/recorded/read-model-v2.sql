CREATE TABLE "public"."scim_users_v2" (
      tenant_id text NOT NULL,
      id text NOT NULL,
      user_name text NOT NULL,
      user_name_fold text GENERATED ALWAYS AS (scim_fold(user_name)) STORED,
      external_id text,
      display_name text,
      display_name_fold text GENERATED ALWAYS AS (scim_fold(display_name)) STORED,
      active boolean NOT NULL,
      resource jsonb NOT NULL,
      version text NOT NULL,
      stream_revision integer NOT NULL,
      created timestamptz NOT NULL,
      last_modified timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    );

    CREATE TABLE "public"."scim_user_emails_v2" (
      tenant_id text NOT NULL,
      user_id text NOT NULL,
      ordinal integer NOT NULL,
      value text, value_fold text GENERATED ALWAYS AS (scim_fold(value)) STORED, type text, display text, "primary" boolean,
      PRIMARY KEY (tenant_id, user_id, ordinal),
      FOREIGN KEY (tenant_id, user_id) REFERENCES "public"."scim_users_v2" (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE "public"."scim_user_phone_numbers_v2" (
      tenant_id text NOT NULL,
      user_id text NOT NULL,
      ordinal integer NOT NULL,
      value text, type text, display text, "primary" boolean,
      PRIMARY KEY (tenant_id, user_id, ordinal),
      FOREIGN KEY (tenant_id, user_id) REFERENCES "public"."scim_users_v2" (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE "public"."scim_user_addresses_v2" (
      tenant_id text NOT NULL,
      user_id text NOT NULL,
      ordinal integer NOT NULL,
      formatted text, street_address text, locality text, region text, postal_code text, country text, type text, "primary" boolean,
      PRIMARY KEY (tenant_id, user_id, ordinal),
      FOREIGN KEY (tenant_id, user_id) REFERENCES "public"."scim_users_v2" (tenant_id, id) ON DELETE CASCADE
    );
CREATE TABLE "public"."scim_groups_v2" (
      tenant_id text NOT NULL,
      id text NOT NULL,
      display_name text NOT NULL,
      display_name_fold text GENERATED ALWAYS AS (scim_fold(display_name)) STORED,
      external_id text,
      resource jsonb NOT NULL,
      version text NOT NULL,
      stream_revision integer NOT NULL,
      created timestamptz NOT NULL,
      last_modified timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    );
CREATE TABLE "public"."scim_group_members_v2" (
      tenant_id text NOT NULL,
      group_id text NOT NULL,
      user_id text NOT NULL,
      PRIMARY KEY (tenant_id, group_id, user_id)
    );
CREATE UNIQUE INDEX "rm_v2_users_user_name_key" ON "public"."scim_users_v2" (tenant_id, scim_key(user_name_fold));
CREATE INDEX "rm_v2_users_user_name_order" ON "public"."scim_users_v2" (tenant_id, (left(user_name_fold, 256)) COLLATE "C");
CREATE INDEX "rm_v2_users_user_name_trgm" ON "public"."scim_users_v2" USING gin (user_name_fold gin_trgm_ops);
CREATE INDEX "rm_v2_users_external_id_key" ON "public"."scim_users_v2" (tenant_id, scim_key(external_id));
CREATE INDEX "rm_v2_users_display_name_key" ON "public"."scim_users_v2" (tenant_id, scim_key(display_name_fold));
CREATE INDEX "rm_v2_users_display_name_order" ON "public"."scim_users_v2" (tenant_id, (left(display_name_fold, 256)) COLLATE "C");
CREATE INDEX "rm_v2_users_created_id" ON "public"."scim_users_v2" (tenant_id, created, id COLLATE "C");
CREATE INDEX "rm_v2_email_value_key" ON "public"."scim_user_emails_v2" (tenant_id, scim_key(value_fold));
CREATE INDEX "rm_v2_email_value_trgm" ON "public"."scim_user_emails_v2" USING gin (value_fold gin_trgm_ops);
CREATE INDEX "rm_v2_groups_display_name_key" ON "public"."scim_groups_v2" (tenant_id, scim_key(display_name_fold));
CREATE INDEX "rm_v2_groups_display_name_order" ON "public"."scim_groups_v2" (tenant_id, (left(display_name_fold, 256)) COLLATE "C");
CREATE INDEX "rm_v2_groups_external_id_key" ON "public"."scim_groups_v2" (tenant_id, scim_key(external_id));
CREATE INDEX "rm_v2_groups_created_id" ON "public"."scim_groups_v2" (tenant_id, created, id COLLATE "C");
CREATE INDEX "rm_v2_members_user" ON "public"."scim_group_members_v2" (tenant_id, user_id);
