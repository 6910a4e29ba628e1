// A page's module written against the ES module build, typed by meshcall.d.mts: the import is the one docs/js-api.md
// shows, which tsconfig.json maps to the typings ("paths"), as an app's own tsconfig would. Compiled, never run.
// typed-example.ts touches every member; this proves the module's four exports and that its types are the same.

import {MeshCall, MeshCallChat, MeshCallSession, MeshCallVideoChat} from '/meshcall.mjs';

const config: MeshCall.InitConfig = {videochat: {answerTimeInterval: 30}};
MeshCall.init(config);
const chat: MeshCallChat = MeshCall.chat;
const videochat: MeshCallVideoChat = MeshCall.videochat;
await chat.connect({userId: 56, token: 'token-from-api-login'});
const session: MeshCallSession = videochat.createNewSession([76], videochat.CallType.VIDEO);
videochat.onSessionCloseListener = (closed: MeshCallSession) => console.log(closed.closeReason);
session.call({name: 'Alice'});
console.log(MeshCall.version);
