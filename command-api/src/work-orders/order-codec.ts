import type { WorkOrder } from '@zhongshu/ticketing';
import { NUMBERS_IN_TEXT } from '../pii/pii-masking';
import { Sm4Cipher } from '../pii/sm4.cipher';

/** A sealed number inside free text: ⟦sm4c1:…⟧. */
const SEALED_IN_TEXT = /⟦(sm4c1:[0-9a-f:]+)⟧/g;
const REMEMBERED = 20_000;

/**
 * The at-rest form of an order (hot state and the order log): JSON with every caller's phone and ID
 * number SM4-sealed, and the phone and ID numbers callers dictate into the description sealed in place.
 * Everything that reads an order goes through `open`, everything that stores one through `seal`, so plain
 * personal data never reaches Redis or ClickHouse. Stored orders were written by this process family and
 * are not re-validated on the hot path.
 *
 * Sealing is the costly part of storing an order (SM4 and SM3 in JavaScript), and an order's callers rarely
 * change between versions, so the sealed form an order was opened with is reused when it is stored again.
 * The memory is per order: the same number on two orders still gets two unrelated ciphertexts. Opened
 * values are remembered too (process memory, never storage).
 */
export class OrderCodec {
  /** `<order id>\0<plain>` → sealed, and sealed → plain: bounded, oldest out first. */
  private readonly remembered = new Map<string, string>();

  constructor(private readonly cipher: Sm4Cipher) {}

  seal(order: WorkOrder): string {
    const seal = (plain: string) => this.sealFor(order.id, plain);
    const description = order.description.replace(NUMBERS_IN_TEXT, (found) => `⟦${seal(found)}⟧`);
    if (order.callers.length === 0 && description === order.description) return JSON.stringify(order);
    return JSON.stringify({
      ...order,
      description,
      callers: order.callers.map((caller) => ({
        ...caller,
        ...(caller.phone ? { phone: seal(caller.phone) } : {}),
        ...(caller.idNumber ? { idNumber: seal(caller.idNumber) } : {}),
      })),
    });
  }

  open(stored: string): WorkOrder {
    const order = JSON.parse(stored) as WorkOrder;
    const open = (sealed: string) => this.openFor(order.id, sealed);
    if (order.description.includes('⟦')) {
      order.description = order.description.replace(SEALED_IN_TEXT, (_, sealed: string) => open(sealed));
    }
    for (const caller of order.callers) {
      if (caller.phone && Sm4Cipher.isSealed(caller.phone)) caller.phone = open(caller.phone);
      if (caller.idNumber && Sm4Cipher.isSealed(caller.idNumber)) caller.idNumber = open(caller.idNumber);
    }
    return order;
  }

  private sealFor(orderId: string, plain: string): string {
    const key = `${orderId}\u0000${plain}`;
    const known = this.remembered.get(key);
    if (known) return known;
    const sealed = this.cipher.seal(plain);
    this.remember(key, sealed);
    return sealed;
  }

  private openFor(orderId: string, sealed: string): string {
    const plain = this.remembered.get(sealed) ?? this.cipher.open(sealed);
    this.remember(sealed, plain);
    this.remember(`${orderId}\u0000${plain}`, sealed);
    return plain;
  }

  private remember(key: string, value: string): void {
    this.remembered.delete(key);
    this.remembered.set(key, value);
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }
}
