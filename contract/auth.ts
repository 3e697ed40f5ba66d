// Who is signed in: roles, the session `GET /api/me` answers with, and the sign-in request.
import { z } from './zod';
import { text } from './fields';

export const roleSchema = z.enum(['admin', 'qa_manager', 'trainer', 'supervisor', 'agent']);
export type Role = z.infer<typeof roleSchema>;

export const teamSchema = z.object({ id: z.string(), name: z.string() });

export const currentUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  role: roleSchema,
  teams: z.array(teamSchema),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** `GET /api/me` and `POST /api/auth/login` answer with this as `data`. */
export const sessionSchema = z.object({
  user: currentUserSchema,
  /** Send back as `X-CSRF-Token` on every cookie-authenticated write. Null for API-key callers. */
  csrfToken: z.nullable(z.string()),
});
export type Session = z.infer<typeof sessionSchema>;

export const loginRequestSchema = z.object({
  username: text().check(z.trim(), z.minLength(1, 'Enter your username.'), z.maxLength(100)),
  password: text().check(z.minLength(1, 'Enter your password.'), z.maxLength(1000)),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** `GET /api/auth/options`: how this deployment lets people sign in, for the login page. */
export const signInOptionsSchema = z.object({
  password: z.boolean(),
  /** The single sign-on button's label, or null without single sign-on. */
  sso: z.nullable(z.object({ label: z.string() })),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;
