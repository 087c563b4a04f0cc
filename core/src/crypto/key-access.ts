/** Where a side's encrypted private keys live, and the passphrase that opens them. */
export interface KeyAccess {
  dir: string;
  passphrase: string;
}
