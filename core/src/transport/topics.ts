/** MQTT topics of DESIGN §4, protocol v1. */
export const upTopic = (matricule: string): string => `ds/v1/up/${matricule}`;
export const downTopic = (matricule: string): string => `ds/v1/down/${matricule}`;
export const BROADCAST_TOPIC = 'ds/v1/broadcast';
/** One retained bulletin per kind under the broadcast topic: the trust list, the pushed forms. */
export const bulletinTopic = (typ: 'trust' | 'forms'): string => `${BROADCAST_TOPIC}/${typ}`;
export const BULLETIN_WILDCARD = `${BROADCAST_TOPIC}/+`;
export const UP_WILDCARD = 'ds/v1/up/+';

/** The matricule a topic belongs to, or undefined for a topic that is not ours. */
export function matriculeOfUpTopic(topic: string): string | undefined {
  const m = /^ds\/v1\/up\/(\d{5})$/.exec(topic);
  return m?.[1];
}
