// The operator: whoever runs the CLI on the server's machine. Full rights, like an admin, without being a
// user in the database. Directly on the database the CLI acts as it; over HTTP it presents the running
// server's operator token (DATA_DIR/run/server.json), which that server process alone accepts.
import type { CurrentUser } from '../../../contract/auth';

export const OPERATOR: CurrentUser = {
  id: '0',
  username: 'tapeline-cli',
  first_name: 'Tapeline',
  last_name: 'CLI',
  role: 'admin',
  teams: [],
};
