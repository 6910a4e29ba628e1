// What the page shows the outside (the e2e tests, a developer in the console) as window.meshcallApp: the current
// SDK session, every SDK listener call in order, and what the page's sounds are doing.
export const app = {session: null, events: [], sounds: null};
window.meshcallApp = app;

/** Notes one SDK listener call. */
export function record(name, session, userId, extension, state) {
  app.events.push({
    name, sessionId: session ? session.ID : null,
    userId: userId === undefined ? null : userId,
    extension: extension === undefined ? null : extension,
    state: state === undefined ? null : state,
    t: performance.timeOrigin + performance.now(),
  });
}
