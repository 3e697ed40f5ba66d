// A user as the contract shows one ({id, first_name, last_name}), selected under a prefix and read back.

/** Selects `<prefix>_id`, `<prefix>_first_name`, `<prefix>_last_name` from the users alias `alias`. */
export function userRefSql(alias: string, prefix: string): string {
  return `${alias}.id::text as ${prefix}_id, ${alias}.first_name as ${prefix}_first_name, ${alias}.last_name as ${prefix}_last_name`;
}

/** The user reference selected by `userRefSql(…, prefix)`. */
export function userRef(row: object, prefix: string) {
  const fields = row as Record<string, unknown>;
  return {
    id: String(fields[`${prefix}_id`]),
    first_name: String(fields[`${prefix}_first_name`] ?? ''),
    last_name: String(fields[`${prefix}_last_name`] ?? ''),
  };
}
