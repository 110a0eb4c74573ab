// The preload: exposes one generic invoke limited to the contract's method names, and a
// listener limited to its event names. No logic here; main validates every input and
// checks who sent it.
import { contextBridge, ipcRenderer } from 'electron';
import {
  channelOf,
  eventChannelOf,
  eventNames,
  methodNames,
  type EventName,
  type MethodName,
  type SessionDeskBridge,
} from './contract';

const knownMethods = new Set<string>(methodNames);
const knownEvents = new Set<string>(eventNames);

const bridge: SessionDeskBridge = {
  invoke: (method, input) =>
    knownMethods.has(method)
      ? ipcRenderer.invoke(channelOf(method as MethodName), input)
      : Promise.resolve({
          ok: false,
          error: { code: 'INVALID_INPUT', message: `Unknown request "${method}".` },
        }),
  on(event, listener) {
    if (!knownEvents.has(event)) return () => undefined;
    const channel = eventChannelOf(event as EventName);
    // The IPC event object stays here: it would hand the page ipcRenderer's sender.
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  },
};

contextBridge.exposeInMainWorld('sessionDesk', bridge);
