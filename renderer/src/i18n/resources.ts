// The two interface languages as the renderer uses them: the main texts with each screen's own
// module merged in (one list, for the app and for the test that holds the languages equal).
import { en } from './en';
import { enDay, viDay, withDay } from './day';
import { enExtend, viExtend } from './extend';
import { enHub, viHub } from './hub';
import { enPlain, viPlain } from './plain';
import { enSafety, viSafety } from './safety';
import { enSync, viSync } from './sync';
import { vi } from './vi';
import { enWork, viWork } from './work';

export const viAll = [viDay, viExtend, viHub, viPlain, viSafety, viSync, viWork].reduce<object>((t, part) => withDay(t, part), vi);
export const enAll = [enDay, enExtend, enHub, enPlain, enSafety, enSync, enWork].reduce<object>((t, part) => withDay(t, part), en);
