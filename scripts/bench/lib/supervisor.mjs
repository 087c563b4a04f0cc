// The benchmarks act on the server as its first supervisor, like an operator would.
const SUPERVISOR = { login: 'banc', fullName: 'Superviseur du banc', password: 'Mesure-du-Serveur-2026' };

export async function benchSupervisor(server) {
  if ((await server.operators.count()) === 0) await server.operators.firstSupervisor(SUPERVISOR);
  return server.operators.login(SUPERVISOR.login, SUPERVISOR.password);
}
