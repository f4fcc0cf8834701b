/**
 * The plan's settings as the user meets them: the names the Settings panel shows, which
 * the engine's findings quote when they point the user at one ("turn on Settings › Derive
 * obvious routes"), so the words in a finding are the words on the control.
 */
import type { PlanSettings } from './schema';

type NamedSetting = keyof Pick<PlanSettings, 'deriveRoutes' | 'showRouteLines'>;

export const SETTING_LABELS: Readonly<Record<NamedSetting, string>> = {
  deriveRoutes: 'Derive obvious routes',
  showRouteLines: 'Draw route-table paths on the canvas',
};

/** Where the setting is, for a message: "Settings › Derive obvious routes". */
export function settingPath(name: NamedSetting): string {
  return `Settings › ${SETTING_LABELS[name]}`;
}
