export * from './qr-seal.js';
export * from './cose.js';
