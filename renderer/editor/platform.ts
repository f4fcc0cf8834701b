/** Which platform's keys the page uses: the Mac's Cmd and Backspace, or Ctrl and Delete elsewhere. */
import type { Platform } from '../../shared/commands';

export const PLATFORM: Platform = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other';
