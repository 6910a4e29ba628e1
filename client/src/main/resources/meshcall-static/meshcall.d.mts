// TypeScript typings of the MeshCall calling SDK, as its ES module /meshcall.mjs exports it:
//   import { MeshCall } from '/meshcall.mjs';
// /meshcall.d.ts gives the same API as the globals of <script src="/meshcall.js">. docs/js-api.md describes every
// name; the build checks these typings against the built SDK (client/src/test/js/typings.test.mjs).
//
// Every name here is one the SDK exports at run time: the four classes below, their static and instance members, and
// the on…Listener properties of MeshCall.chat and MeshCall.videochat. The types in the MeshCall namespace (options,
// reports, the values of the enum objects) exist for TypeScript only.

/** The SDK: `MeshCall.init`, `MeshCall.chat`, `MeshCall.videochat`. Not constructible. */
export declare class MeshCall {
  private constructor();

  /**
   * Sets the server and the call settings. `credentials` (the seed's app id and key) is ignored: the MeshCall
   * server is the app. Sessions made under earlier settings are stopped.
   */
  static init(config?: MeshCall.InitConfig): void;
  static init(credentials: object | null | undefined, config: MeshCall.InitConfig): void;

  /** The signaling connection: connect, disconnect, ping, presence. */
  static readonly chat: MeshCallChat;
  /** Calls: createNewSession, devices, the enums and the call listeners. */
  static readonly videochat: MeshCallVideoChat;
  /** The SDK version. */
  static readonly version: string;
}

export declare namespace MeshCall {
  /** `MeshCall.init`'s config. */
  interface InitConfig {
    /** The MeshCall server's base URL; default the page's own origin. The WebSocket is `ws(s)://…/ws`. */
    endpoint?: string;
    videochat?: VideoChatConfig;
  }

  /** `MeshCall.init`'s `config.videochat`. Intervals are in seconds. */
  interface VideoChatConfig {
    /** How long a call rings before `onUserNotAnswerListener`; default 60. */
    answerTimeInterval?: number;
    /** How often a ringing call is sent again; default 5. */
    dialingTimeInterval?: number;
    /** How long a link may stay DISCONNECTED or FAILED before it is released; default 30. */
    disconnectTimeInterval?: number;
    /** How often `onCallStatsReport` is called for each connected link; default 0: never. */
    statsReportTimeInterval?: number;
    /** Send every call through TURN; default false. */
    alwaysRelayCalls?: boolean;
    /** Decline a call that arrives during another one with `{busy: true}`; default true. */
    autoRejectWhenBusy?: boolean;
    /** Restart ICE by itself when a link goes DISCONNECTED, FAILED or stalls; default true. */
    autoIceRestart?: boolean;
    /** The app's own STUN/TURN servers, used instead of those the MeshCall server hands out. */
    iceServers?: RTCIceServer[];
    /** Sets `videochat.pauseVideoWhenHidden`. */
    pauseVideoWhenHidden?: boolean;
  }

  /** `chat.connect`'s argument: a password (signs in afresh) or a token from `POST /api/login`. */
  type ConnectParams = {userId: number; password: string} | {userId: number; token: string};

  /**
   * What `call`, `accept`, `reject` and `stop` send to the others as the signal's `userInfo`: flat (strings,
   * numbers, booleans; `undefined` values are left out), at most 32 keys and 4 KiB.
   */
  interface Extension {
    [key: string]: string | number | boolean | undefined;
  }

  /** The `userInfo` a listener gets with a signal: another participant's extension, `{}` when it had none. */
  interface UserInfo {
    [key: string]: string | number | boolean;
  }

  /** `createNewSession`'s options: a cap (kbit/s, 0 = none) on every participant's video; `maxBandwidth` first. */
  interface SessionOptions {
    bandwidth?: number;
    maxBandwidth?: number;
  }

  /** `callRejectRequest`'s argument. */
  interface CallRejectParams {
    sessionID: string;
    /** The caller, who hears `onRejectCallListener`. */
    recipientId: number;
    platform?: string;
    userInfo?: UserInfo;
  }

  /**
   * `switchMediaTracks`'s argument: a device id (asked for with the last getUserMedia's size and frame rate), or a
   * whole constraint.
   */
  interface DeviceChoice {
    audio?: string | MediaTrackConstraints;
    video?: string | MediaTrackConstraints;
  }

  /** `attachMediaStream`'s options: `muted` (always for the local stream), `mirror` (flip it like a mirror). */
  interface AttachOptions {
    muted?: boolean;
    mirror?: boolean;
  }

  /** What `mute`, `unmute` and `onRemoteMuteListener` name. */
  type MediaKind = 'audio' | 'video';

  /** `onCallStatsReport`'s report: the W3C report and a summary of it; `null` where the browser has no value. */
  interface CallStatsReport {
    report: RTCStatsReport;
    /** kbit/s of RTP payload received since the last report; `null` in the first. */
    bitrateIn: number | null;
    /** kbit/s of RTP payload sent since the last report; `null` in the first. */
    bitrateOut: number | null;
    /** The received video's frames per second, width and height. */
    fps: number | null;
    width: number | null;
    height: number | null;
    /** Round-trip time of the selected candidate pair, ms. */
    rtt: number | null;
    /** % of the packets received since the last report that were lost (0 when none arrived). */
    packetLoss: number;
    /** How this side reaches the other: the selected pair's local candidate type. */
    candidateType: RTCIceCandidateType | null;
  }

  /** Why a session closed (`session.closeReason`). */
  type CloseReason = 'stopped' | 'rejected' | 'acceptedElsewhere' | 'rejectedElsewhere' | 'ended' | 'ringingTimeout'
    | 'replaced' | 'failed';

  /** The object `videochat.CallType` (frozen). */
  interface CallTypes {
    readonly VIDEO: 1;
    readonly AUDIO: 2;
  }

  /** The object `videochat.SessionConnectionState` (frozen). */
  interface SessionConnectionStates {
    readonly UNDEFINED: 0;
    readonly CONNECTING: 1;
    readonly CONNECTED: 2;
    readonly FAILED: 3;
    readonly DISCONNECTED: 4;
    readonly CLOSED: 5;
    readonly COMPLETED: 6;
  }

  /** The object `videochat.PeerConnectionState` (frozen): the seed SDK's, what `connectionStateForUser` gives. */
  interface PeerConnectionStates {
    readonly NEW: 1;
    readonly CONNECTING: 2;
    readonly CHECKING: 3;
    readonly CONNECTED: 4;
    readonly DISCONNECTED: 5;
    readonly FAILED: 6;
    readonly CLOSED: 7;
    readonly COMPLETED: 8;
  }

  /** The object `videochat.SessionState` (frozen). */
  interface SessionStates {
    readonly NEW: 1;
    readonly ACTIVE: 2;
    readonly STOPPED: 3;
    readonly REJECTED: 4;
    readonly CLOSED: 5;
  }

  /** A call type: 1 video, 2 audio. */
  type CallType = CallTypes[keyof CallTypes];
  /** The state of the link to one participant. */
  type SessionConnectionState = SessionConnectionStates[keyof SessionConnectionStates];
  /** The state of the link to one participant, as `connectionStateForUser` gives it. */
  type PeerConnectionState = PeerConnectionStates[keyof PeerConnectionStates];
  /** A session's own state. */
  type SessionState = SessionStates[keyof SessionStates];
}

/** `MeshCall.chat`: the signaling connection. Not constructible; `instanceof` works. */
export declare class MeshCallChat {
  private constructor();

  /** Signs in and opens the signaling socket; rejects with an `Error` naming the cause. */
  connect(params: MeshCall.ConnectParams): Promise<void>;
  /** Closes the signaling socket only: calls keep their media. */
  disconnect(): void;
  /** Resolves when the server answers; rejects after `timeout` ms (default 5000) or when not connected. */
  pingWithTimeout(timeout?: number): Promise<void>;
  /** Whether the socket is authenticated. */
  readonly isConnected: boolean;

  /** A user came online or went offline. */
  onPresenceListener: ((userId: number, online: boolean) => void) | null;
  /** The socket closed without `disconnect()`; the SDK reconnects by itself unless the server refused the user. */
  onDisconnectedListener: ((reason: string) => void) | null;
  /** The socket is back after it was lost. */
  onReconnectListener: (() => void) | null;
}

/** `MeshCall.videochat`: calls. Not constructible; `instanceof` works. */
export declare class MeshCallVideoChat {
  private constructor();

  /**
   * A new call to 1 to 3 users (ids as numbers, or strings of digits). Throws an `Error` naming the cause when not
   * connected, or for a bad id, the current user, or an unknown call type.
   */
  createNewSession(calleesIds: ReadonlyArray<number | string>, callType: MeshCall.CallType,
    options?: MeshCall.SessionOptions): MeshCallSession;
  /** Stops that session if it is still open, and forgets it. */
  clearSession(sessionId: string): void;
  /** The browser's devices of that kind, all without one; labels are empty until camera or microphone was allowed. */
  getMediaDevices(kind?: MediaDeviceKind): Promise<MediaDeviceInfo[]>;
  /** Declines a call the page has no session object for (`POST /api/calls/reject`). */
  callRejectRequest(params: MeshCall.CallRejectParams): Promise<void>;
  /**
   * While the page is hidden, every session's camera stops (the others see video muted) and the microphone goes on;
   * visible again, the camera comes back. Default false.
   */
  pauseVideoWhenHidden: boolean;

  readonly CallType: MeshCall.CallTypes;
  readonly SessionConnectionState: MeshCall.SessionConnectionStates;
  readonly PeerConnectionState: MeshCall.PeerConnectionStates;
  readonly SessionState: MeshCall.SessionStates;

  /** Someone calls you (once per session). */
  onCallListener: ((session: MeshCallSession, extension: MeshCall.UserInfo) => void) | null;
  /** A participant accepted. */
  onAcceptCallListener: ((session: MeshCallSession, userId: number, extension: MeshCall.UserInfo) => void) | null;
  /** A participant declined (`extension.busy === true`: the SDK declined for them, they were in another call). */
  onRejectCallListener: ((session: MeshCallSession, userId: number, extension: MeshCall.UserInfo) => void) | null;
  /** A participant left, or the caller withdrew the call while it rang. */
  onStopCallListener: ((session: MeshCallSession, userId: number, extension: MeshCall.UserInfo) => void) | null;
  /** That participant did not answer within `answerTimeInterval`. */
  onUserNotAnswerListener: ((session: MeshCallSession, userId: number) => void) | null;
  /** That participant's media arrived: once per participant, with all its tracks. */
  onRemoteStreamListener: ((session: MeshCallSession, userId: number, stream: MediaStream) => void) | null;
  /** The state of the link to that participant changed. */
  onSessionConnectionStateChangedListener: ((session: MeshCallSession, userId: number,
    state: MeshCall.SessionConnectionState) => void) | null;
  /** The session is over for you; `session.closeReason` says why. */
  onSessionCloseListener: ((session: MeshCallSession) => void) | null;
  /** A camera, microphone or speaker was plugged in or out. */
  onDevicesChangeListener: ((event: Event) => void) | null;
  /** That participant muted or unmuted its audio or video. */
  onRemoteMuteListener: ((session: MeshCallSession, userId: number, kind: MeshCall.MediaKind,
    muted: boolean) => void) | null;
  /** Every `statsReportTimeInterval` seconds while the link to that participant is connected. */
  onCallStatsReport: ((session: MeshCallSession, userId: number, stats: MeshCall.CallStatsReport) => void) | null;
}

/** A call (`createNewSession`, or `onCallListener`'s). Not constructible; `instanceof` works. */
export declare class MeshCallSession {
  private constructor();

  /** The session id (UUID v4). */
  readonly ID: string;
  readonly initiatorID: number;
  readonly opponentsIDs: number[];
  readonly currentUserID: number;
  readonly callType: MeshCall.CallType;
  readonly state: MeshCall.SessionState;
  /** `null` while open; once closed, why. */
  readonly closeReason: MeshCall.CloseReason | null;
  /** The stream from getUserMedia (the session owns it and stops it when it closes), or `null`. */
  readonly localStream: MediaStream | null;
  /** The cap (kbit/s, 0: none) on this session's video. */
  readonly maxBandwidth: number;
  /** Whether the screen is being sent instead of the camera. */
  readonly isScreenSharing: boolean;

  /**
   * Camera and/or microphone: the local stream, or new tracks in it on every link. Rejects with the browser's
   * error.
   */
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** Shares the screen: as the local stream, or instead of the camera on every link. Resolves with the local stream. */
  getDisplayMedia(constraints?: DisplayMediaStreamOptions): Promise<MediaStream>;
  /** Goes back from the shared screen to the camera (and microphone) it replaced. */
  stopScreenSharing(): void;
  /** That camera or microphone instead of the one in use, on every link. Resolves with the local stream. */
  switchMediaTracks(devices: MeshCall.DeviceChoice): Promise<MediaStream>;
  /** Plays the other participants on that speaker (`setSinkId`). */
  setAudioOutput(deviceId: string): Promise<void>;
  /** Shows `stream` in the element with id `elementId`; throws when there is none. */
  attachMediaStream(elementId: string, stream: MediaStream, options?: MeshCall.AttachOptions): void;
  detachMediaStream(elementId: string): void;

  /** Records `stream`, or without one the whole call mixed; throws when a recording is running. */
  startRecording(stream?: MediaStream): void;
  /** The recording as a WebM `Blob`; rejects when none is running. */
  stopRecording(): Promise<Blob>;

  /**
   * Rings the opponents. `callback(error)` gets `null` once the call is under way, or the error; without a
   * callback an error is thrown.
   */
  call(extension?: MeshCall.Extension, callback?: (error: Error | null) => void): void;
  accept(extension?: MeshCall.Extension): void;
  reject(extension?: MeshCall.Extension): void;
  /** Leaves the call (or cancels it while it rings). */
  stop(extension?: MeshCall.Extension): void;

  /** Stops sending audio or video (the track stays, disabled) and tells the others. */
  mute(kind: MeshCall.MediaKind): void;
  unmute(kind: MeshCall.MediaKind): void;
  /**
   * Caps this user's outgoing video on every link, kbit/s; 0 removes the cap. Resolves once every connected link
   * has the cap; rejects with an `Error` for a negative number or the browser's refusal.
   */
  setMaxBandwidth(kbps: number): Promise<void>;

  /** Whether this side made the offer of the link to `userId`, and so restarts its ICE. */
  canInitiateIceRestart(userId: number): boolean;
  /**
   * Restarts ICE on the link to `userId`. Resolves once the restart has begun; rejects with an `Error` when there is
   * no such link or the other side restarts it.
   */
  iceRestart(userId: number): Promise<void>;
  /** The state of the link to `userId` as the seed's SDK gives it, or `null` for someone not in the session. */
  connectionStateForUser(userId: number): MeshCall.PeerConnectionState | null;
  /** The W3C stats of the connection to `userId`. */
  getStats(userId: number): Promise<RTCStatsReport>;
}
