// The operator window's preload: the queue, the appeal card and the operator's actions.
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../../shared/api/bridge';
import { createBridge } from './bridge';

const bridge = createBridge('operator', ipcRenderer) satisfies Bridge;
contextBridge.exposeInMainWorld('cur', bridge);
