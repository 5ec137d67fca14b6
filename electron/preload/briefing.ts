// The briefing's preload: reads only, and no personal data reaches it (the contract's roles).
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../../shared/api/bridge';
import { createBridge } from './bridge';

const bridge = createBridge('briefing', ipcRenderer) satisfies Bridge;
contextBridge.exposeInMainWorld('cur', bridge);
