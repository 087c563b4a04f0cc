import {
  DocstreamError, embeddedBrokerUrl, fileLineLogger, hostCentreService, startDemoNetwork,
  type Centre, type CentreServiceHost, type DemoNetwork, type KeyAccess, type Settings,
} from '@docstream/core';

export interface ConsoleCycle {
  host: CentreServiceHost;
  /** Stops the cycle, then the demo's server if there is one. */
  close(): Promise<void>;
}

function noKeys(): DocstreamError {
  return new DocstreamError(
    'key_locked',
    'La clé du centre est verrouillée : relancez la console avec DOCSTREAM_KEY_PASSPHRASE ou --passphrase-file FICHIER.',
    'The centre’s key is locked: start the console again with DOCSTREAM_KEY_PASSPHRASE or --passphrase-file FILE.',
  );
}

/**
 * The MQTT cycle the console hosts. With `demo`, the demo's central server starts in the
 * background (the login screen does not wait for it) and the cycle starts once it is up;
 * otherwise the cycle waits for `s` on the Transmissions screen. Settings are read again
 * at each start, so a broker or cycle changed in Settings applies at the next start.
 */
export function consoleCycle(centre: Centre, readSettings: () => Settings, keys: KeyAccess | undefined, demo: boolean): ConsoleCycle {
  const first = readSettings();
  const log = fileLineLogger(first.dataDir, 'centre-console.log');
  let network: Promise<DemoNetwork> | undefined;
  if (demo && keys) {
    network = startDemoNetwork({ settings: first, centre, keys, log });
    network.catch(() => undefined); // reported by the cycle's start
  }
  const host = hostCentreService(centre.transmission, async () => {
    if (!keys) throw noKeys();
    const s = readSettings();
    const url = network ? (await network).brokerUrl : embeddedBrokerUrl(s);
    return { link: { url }, mode: s.cycleMode ?? 'continuous', ...(s.cycleIntervalMinutes ? { intervalMinutes: s.cycleIntervalMinutes } : {}), log };
  });
  if (network) void network.then(() => host.start(), () => host.start());
  return {
    host,
    async close() {
      await host.stop().catch(() => undefined);
      if (network) await (await network.catch(() => undefined))?.stop().catch(() => undefined);
    },
  };
}
