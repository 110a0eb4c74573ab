// The preload: exposes one generic invoke limited to the contract's method names.
// No logic here; main validates every input and checks who sent it.
import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, methodNames, type MethodName, type SessionDeskBridge } from './contract';

const known = new Set<string>(methodNames);

const bridge: SessionDeskBridge = {
  invoke: (method, input) =>
    known.has(method)
      ? ipcRenderer.invoke(channelOf(method as MethodName), input)
      : Promise.resolve({
          ok: false,
          error: { code: 'INVALID_INPUT', message: `Unknown request "${method}".` },
        }),
};

contextBridge.exposeInMainWorld('sessionDesk', bridge);
