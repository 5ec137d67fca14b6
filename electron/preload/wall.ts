// The wall's preload: reads and subscriptions only; the contract gives the wall no writing method.
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../../shared/api/bridge';
import { createBridge } from './bridge';

const bridge = createBridge('wall', ipcRenderer) satisfies Bridge;
contextBridge.exposeInMainWorld('cur', bridge);
