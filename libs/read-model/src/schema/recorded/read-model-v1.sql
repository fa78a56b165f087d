CREATE TABLE public."scim_users_v1" (
      tenant_id text NOT NULL,
      id text NOT NULL,
      user_name text NOT NULL,
      external_id text,
      display_name text,
      active boolean NOT NULL,
      resource jsonb NOT NULL,
      version text NOT NULL,
      stream_revision integer NOT NULL,
      created timestamptz NOT NULL,
      last_modified timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    );

    CREATE TABLE public."scim_user_emails_v1" (
      tenant_id text NOT NULL,
      user_id text NOT NULL,
      ordinal integer NOT NULL,
      value text, type text, display text, "primary" boolean,
      PRIMARY KEY (tenant_id, user_id, ordinal),
      FOREIGN KEY (tenant_id, user_id) REFERENCES public."scim_users_v1" (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE public."scim_user_phone_numbers_v1" (
      tenant_id text NOT NULL,
      user_id text NOT NULL,
      ordinal integer NOT NULL,
      value text, type text, display text, "primary" boolean,
      PRIMARY KEY (tenant_id, user_id, ordinal),
      FOREIGN KEY (tenant_id, user_id) REFERENCES public."scim_users_v1" (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE public."scim_user_addresses_v1" (
      tenant_id text NOT NULL,
      user_id text NOT NULL,
      ordinal integer NOT NULL,
      formatted text, street_address text, locality text, region text, postal_code text, country text, type text, "primary" boolean,
      PRIMARY KEY (tenant_id, user_id, ordinal),
      FOREIGN KEY (tenant_id, user_id) REFERENCES public."scim_users_v1" (tenant_id, id) ON DELETE CASCADE
    );
CREATE TABLE public."scim_groups_v1" (
      tenant_id text NOT NULL,
      id text NOT NULL,
      display_name text NOT NULL,
      external_id text,
      resource jsonb NOT NULL,
      version text NOT NULL,
      stream_revision integer NOT NULL,
      created timestamptz NOT NULL,
      last_modified timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    );
CREATE TABLE public."scim_group_members_v1" (
      tenant_id text NOT NULL,
      group_id text NOT NULL,
      user_id text NOT NULL,
      PRIMARY KEY (tenant_id, group_id, user_id)
    );
CREATE UNIQUE INDEX "rm_v1_users_user_name_ci" ON public."scim_users_v1" (tenant_id, lower(user_name));
CREATE INDEX "rm_v1_users_external_id" ON public."scim_users_v1" (tenant_id, external_id);
CREATE INDEX "rm_v1_users_display_name_ci" ON public."scim_users_v1" (tenant_id, lower(display_name));
CREATE INDEX "rm_v1_users_created_id" ON public."scim_users_v1" (tenant_id, created, id);
CREATE INDEX "rm_v1_users_user_name_trgm" ON public."scim_users_v1" USING gin (lower(user_name) gin_trgm_ops);
CREATE INDEX "rm_v1_email_value_ci" ON public."scim_user_emails_v1" (tenant_id, lower(value));
CREATE INDEX "rm_v1_email_value_trgm" ON public."scim_user_emails_v1" USING gin (lower(value) gin_trgm_ops);
CREATE INDEX "rm_v1_groups_display_name_ci" ON public."scim_groups_v1" (tenant_id, lower(display_name));
CREATE INDEX "rm_v1_groups_external_id" ON public."scim_groups_v1" (tenant_id, external_id);
CREATE INDEX "rm_v1_groups_created_id" ON public."scim_groups_v1" (tenant_id, created, id);
CREATE INDEX "rm_v1_members_user" ON public."scim_group_members_v1" (tenant_id, user_id);
