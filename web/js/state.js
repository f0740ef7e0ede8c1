// state.js - what the dashboard knows about its session: the signed-in rep (GET /api/v1/me),
// the offset between the server's clock and the browser's (countdowns follow the server), and
// the playbook in force (GET /api/v1/playbook), loaded once at sign-in.
export const state = {
  me: null,        // {name, role, team, manager, pod, now, org: {name, timezone}, playbook_version}
  offset: 0,       // server clock minus browser clock, in milliseconds
  playbook: null,  // the playbook as JSON
};

// The server's clock now, in milliseconds since the epoch.
export function serverNow() {
  return Date.now() + state.offset;
}

// 1 when the signed-in rep is a manager.
export function isManager() {
  return state.me && state.me.role === 'manager';
}
