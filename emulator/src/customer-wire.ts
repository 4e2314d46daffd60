import type { CustomerRecord } from "./store/customer-store";

/** The customer object on the wire, with keys in the documented order. */
export interface WireCustomer {
  createdAt: string;
  expressCustomerId: string;
  expressCustomerName: string;
  isActive: boolean;
  updatedAt: string;
  userCount: number;
  createdByApiKeyId: string;
  metadata?: Record<string, string>;
}

/**
 * Shapes a stored customer for the wire: `createdByUserId` is omitted because API-created
 * customers have none (D13), and an empty `metadata` is omitted (D3).
 */
export function toWireCustomer(record: CustomerRecord): WireCustomer {
  const wire: WireCustomer = {
    createdAt: record.createdAt,
    expressCustomerId: record.customerId,
    expressCustomerName: record.name,
    isActive: record.isActive,
    updatedAt: record.updatedAt,
    userCount: record.userCount,
    createdByApiKeyId: record.createdByApiKeyId,
  };

  if (Object.keys(record.metadata).length > 0) wire.metadata = record.metadata;

  return wire;
}
