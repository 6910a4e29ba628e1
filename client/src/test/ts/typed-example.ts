/// <reference path="../../main/resources/meshcall-static/meshcall.d.ts" />

// A page's script written against the globals of <script src="/meshcall.js">, typed by meshcall.d.ts. The build
// compiles it with tsc --strict (never runs it): it touches every name the SDK exports, every option and every
// listener argument, so a typing that is wrong or missing fails the build. The @ts-expect-error lines prove that the
// typings also refuse what the SDK refuses.

async function everyApi(): Promise<void> {
  // ---- MeshCall ----
  MeshCall.init({endpoint: 'https://calls.example.org'});
  MeshCall.init();
  MeshCall.init({appId: 1, authKey: 'k'}, {
    videochat: {
      answerTimeInterval: 60,
      dialingTimeInterval: 5,
      disconnectTimeInterval: 30,
      statsReportTimeInterval: 2,
      alwaysRelayCalls: false,
      autoRejectWhenBusy: true,
      autoIceRestart: true,
      iceServers: [{urls: 'turn:turn.example.org:3478', username: 'u', credential: 'c'}],
      pauseVideoWhenHidden: true,
    },
  });
  const version: string = MeshCall.version;
  const chat: MeshCallChat = MeshCall.chat;
  const videochat: MeshCallVideoChat = MeshCall.videochat;
  // @ts-expect-error the SDK's objects are read-only getters
  MeshCall.version = '2';
  // @ts-expect-error not constructible: the SDK makes its own objects
  new MeshCallSession();

  // ---- MeshCall.chat ----
  await chat.connect({userId: 56, password: 'secret'});
  await chat.connect({userId: 56, token: 'token-from-api-login'});
  // @ts-expect-error a password or a token is needed
  await chat.connect({userId: 56});
  await chat.pingWithTimeout();
  await chat.pingWithTimeout(3000);
  const connected: boolean = chat.isConnected;
  chat.onPresenceListener = (userId: number, online: boolean) => console.log(userId, online);
  chat.onDisconnectedListener = (reason: string) => console.log(reason.length);
  chat.onReconnectListener = () => console.log('back');
  chat.onReconnectListener = null;
  chat.disconnect();

  // ---- MeshCall.videochat: the enum objects ----
  const {VIDEO, AUDIO} = videochat.CallType;
  const callType: MeshCall.CallType = Math.random() < 0.5 ? VIDEO : AUDIO;
  const states: MeshCall.SessionConnectionStates = videochat.SessionConnectionState;
  const linkStates: MeshCall.SessionConnectionState[] = [states.UNDEFINED, states.CONNECTING, states.CONNECTED,
    states.FAILED, states.DISCONNECTED, states.CLOSED, states.COMPLETED];
  const P: MeshCall.PeerConnectionStates = videochat.PeerConnectionState;
  const peerStates: MeshCall.PeerConnectionState[] = [P.NEW, P.CONNECTING, P.CHECKING, P.CONNECTED,
    P.DISCONNECTED, P.FAILED, P.CLOSED, P.COMPLETED];
  const S = videochat.SessionState;
  const sessionStates: MeshCall.SessionState[] = [S.NEW, S.ACTIVE, S.STOPPED, S.REJECTED, S.CLOSED];
  // @ts-expect-error there is no call type 3
  const noSuchType: MeshCall.CallType = 3;

  // ---- MeshCall.videochat: methods ----
  const cameras: MediaDeviceInfo[] = await videochat.getMediaDevices('videoinput');
  const allDevices: MediaDeviceInfo[] = await videochat.getMediaDevices();
  const session: MeshCallSession = videochat.createNewSession([76, '34'], callType, {bandwidth: 512});
  videochat.createNewSession([76], videochat.CallType.AUDIO, {maxBandwidth: 0});
  videochat.createNewSession([76], AUDIO);
  // @ts-expect-error a call type is a CallType value
  videochat.createNewSession([76], 'video');
  await videochat.callRejectRequest({sessionID: session.ID, recipientId: 76, platform: 'web'});
  await videochat.callRejectRequest({sessionID: session.ID, recipientId: 76, userInfo: {reason: 'busy'}});
  videochat.pauseVideoWhenHidden = !videochat.pauseVideoWhenHidden;
  videochat.clearSession(session.ID);

  // ---- MeshCall.videochat: listeners ----
  videochat.onCallListener = (incoming: MeshCallSession, extension: MeshCall.UserInfo) => {
    incoming.accept({name: 'Bob'});
    console.log(extension['name']);
  };
  videochat.onAcceptCallListener = (s: MeshCallSession, userId: number, extension: MeshCall.UserInfo) =>
    console.log(s.ID, userId, extension);
  videochat.onRejectCallListener = (s, userId, extension) => console.log(s.ID, userId, extension['busy'] === true);
  videochat.onStopCallListener = (s, userId, extension) => console.log(s.ID, userId, extension);
  videochat.onUserNotAnswerListener = (s: MeshCallSession, userId: number) => console.log(s.ID, userId);
  videochat.onRemoteStreamListener = (s: MeshCallSession, userId: number, stream: MediaStream) =>
    s.attachMediaStream('remote-' + userId, stream);
  videochat.onSessionConnectionStateChangedListener = (s, userId, state: MeshCall.SessionConnectionState) => {
    if (state === videochat.SessionConnectionState.FAILED && s.canInitiateIceRestart(userId)) {
      s.iceRestart(userId);
    }
  };
  videochat.onSessionCloseListener = (s: MeshCallSession) => {
    const why: MeshCall.CloseReason | null = s.closeReason;
    console.log(why);
  };
  videochat.onDevicesChangeListener = (event: Event) => console.log('devices changed', event.type);
  videochat.onRemoteMuteListener = (s, userId, kind: MeshCall.MediaKind, muted: boolean) =>
    console.log(s.ID, userId, kind, muted);
  videochat.onCallStatsReport = (s, userId, stats: MeshCall.CallStatsReport) => {
    const report: RTCStatsReport = stats.report;
    const numbers: (number | null)[] = [stats.bitrateIn, stats.bitrateOut, stats.fps, stats.width, stats.height,
      stats.rtt, stats.packetLoss];
    const candidate: RTCIceCandidateType | null = stats.candidateType;
    report.forEach((entry: unknown, key: string) => console.log(s.ID, userId, key, entry, numbers, candidate));
  };
  // @ts-expect-error a listener is a function or null
  videochat.onCallListener = 'not a function';

  // ---- a session: properties ----
  const id: string = session.ID;
  const initiator: number = session.initiatorID;
  const opponents: number[] = session.opponentsIDs;
  const me: number = session.currentUserID;
  const type: MeshCall.CallType = session.callType;
  const state: MeshCall.SessionState = session.state;
  const closeReason: MeshCall.CloseReason | null = session.closeReason;
  const localStream: MediaStream | null = session.localStream;
  const sharing: boolean = session.isScreenSharing;
  const cap: number = session.maxBandwidth;
  // @ts-expect-error the session's properties are read-only
  session.state = S.CLOSED;

  // ---- a session: media ----
  const stream: MediaStream = await session.getUserMedia({audio: true, video: {width: 320, height: 240}});
  session.attachMediaStream('local', stream, {muted: true, mirror: true});
  session.attachMediaStream('local', stream);
  session.detachMediaStream('local');
  await session.switchMediaTracks({video: cameras[0]?.deviceId ?? 'default'});
  await session.switchMediaTracks({audio: {deviceId: {exact: 'mic-2'}}});
  await session.setAudioOutput('speaker-1');
  await session.getDisplayMedia({video: true, audio: false});
  await session.getDisplayMedia();
  session.stopScreenSharing();
  session.startRecording();
  session.startRecording(stream);
  const recording: Blob = await session.stopRecording();

  // ---- a session: the call ----
  session.call({name: 'Alice', maxBandwidth: 256, optional: undefined}, (error: Error | null) => {
    console.log(error?.message);
  });
  session.call();
  // @ts-expect-error an extension is flat: strings, numbers, booleans
  session.call({nested: {no: true}});
  session.accept();
  session.reject({reason: 'later'});
  session.stop({});
  session.mute('audio');
  session.unmute('video');
  // @ts-expect-error only "audio" or "video"
  session.mute('screen');
  await session.setMaxBandwidth(300);
  const canRestart: boolean = session.canInitiateIceRestart(76);
  await session.iceRestart(76);
  const linkState: MeshCall.PeerConnectionState | null = session.connectionStateForUser(76);
  // @ts-expect-error connectionStateForUser may give null (no such participant)
  const neverNull: MeshCall.PeerConnectionState = session.connectionStateForUser(99);
  const stats: RTCStatsReport = await session.getStats(76);

  console.log(version, connected, linkStates, peerStates, cap, neverNull, sessionStates, noSuchType, allDevices, id, initiator, opponents, me,
    type, state, closeReason, localStream, sharing, recording.size, canRestart, linkState, stats,
    session instanceof MeshCallSession, chat instanceof MeshCallChat, videochat instanceof MeshCallVideoChat);
}

everyApi().catch((error: unknown) => console.error(error));
