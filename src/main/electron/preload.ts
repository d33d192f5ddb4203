/**
 * Preload: exposes the typed station API to the renderer through contextBridge, and nothing else.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('ccporHost', { kind: 'electron' as const });
