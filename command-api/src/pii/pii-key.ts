import { loadOrCreateSecret } from '../config/secrets';
import { Sm4Cipher } from './sm4.cipher';

/** The data key: `PII_KEY` (32 hex characters) or one generated once into `$DATA_DIR/secrets/pii-sm4`. */
export function createPiiCipher(dataDir: string, configuredHex?: string): Sm4Cipher {
  return new Sm4Cipher(loadOrCreateSecret(dataDir, 'pii-sm4', 16, configuredHex).key);
}
