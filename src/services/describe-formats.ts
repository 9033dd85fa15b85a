import { formatNames, getFormat } from '../domain/formats/registry.ts';

/** The formats on offer, their player limits and settings. */
export function describeFormats() {
  return formatNames().map((name) => {
    const f = getFormat(name);
    return { name: f.name, minPlayers: f.minPlayers, maxPlayers: f.maxPlayers, allowsDraws: f.allowsDraws, settings: f.settings };
  });
}
