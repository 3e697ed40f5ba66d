-- Single sign-on: a person provisioned through OpenID Connect is known by their provider's subject
-- (the `sub` claim), which never changes, rather than by a username the provider might reuse.
alter table users add column oidc_subject text unique;
