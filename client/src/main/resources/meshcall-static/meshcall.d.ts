// TypeScript typings of the MeshCall calling SDK as the UMD bundle /meshcall.js gives it: a plain
// <script src="/meshcall.js"> puts the globals MeshCall, MeshCallChat, MeshCallVideoChat and MeshCallSession on the
// page (use them after '/// <reference path="meshcall.d.ts" />', or by listing this file in tsconfig.json), and
// require() or AMD get the same four names as exports. The API itself is declared once, in meshcall.d.mts (the ES
// module's typings, /meshcall.mjs): keep both files side by side.

import * as MeshCallSdk from './meshcall.mjs';

export * from './meshcall.mjs';

declare global {
  export import MeshCall = MeshCallSdk.MeshCall;
  export import MeshCallChat = MeshCallSdk.MeshCallChat;
  export import MeshCallVideoChat = MeshCallSdk.MeshCallVideoChat;
  export import MeshCallSession = MeshCallSdk.MeshCallSession;
}
