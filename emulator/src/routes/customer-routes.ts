import type { FastifyInstance, FastifyRequest } from "fastify";

import { customerNotFound } from "../api-error";
import { identityOf } from "../auth";
import { toWireCustomer } from "../customer-wire";
import type { EmulatorContext } from "../emulator-context";
import { CUSTOMER_ID_PATTERN } from "../ids";
import { createCustomerBody, listCustomersQuery, updateCustomerBody } from "../request-schemas";
import type { CustomerRecord } from "../store/customer-store";
import { parseOrThrow } from "../validation";

type WithCustomerId = FastifyRequest<{ Params: { expressCustomerId: string } }>;

/** The customer-ID path parameter; malformed IDs get the same 404 as unknown ones (D10). */
export function customerIdOf(request: WithCustomerId): string {
  return request.params.expressCustomerId;
}

/** Returns the record or throws 404 `customer_not_found` (D9, D10). */
export function foundOrThrow(
  record: CustomerRecord | undefined,
  customerId: string,
): CustomerRecord {
  if (record === undefined) throw customerNotFound(customerId);

  return record;
}

/** Registers the six customer endpoints (all but the users subresource). */
export function registerCustomerRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const customers = context.store.customers;

  app.post("/v1/express", async (request) => {
    const body = parseOrThrow(createCustomerBody, request.body, "request body");
    const { clinic, apiKeyId } = identityOf(request);

    // Counted before the write so that lost-answer creates are counted too.
    context.stats.countCreate();
    const name = body.expressCustomerName;
    const created = customers.create(clinic, apiKeyId, name, body.metadata ?? {});

    return toWireCustomer(created);
  });

  app.get("/v1/express/:expressCustomerId", async (request: WithCustomerId) => {
    const customerId = customerIdOf(request);
    const record = findValid(context, identityOf(request).clinic, customerId);

    return toWireCustomer(foundOrThrow(record, customerId));
  });

  app.patch("/v1/express/:expressCustomerId", async (request: WithCustomerId) => {
    const customerId = customerIdOf(request);
    const clinic = identityOf(request).clinic;

    // A missing customer is reported before a bad body, as a real API resolves the path first.
    foundOrThrow(findValid(context, clinic, customerId), customerId);
    // No body at all is the empty PATCH; a JSON null is still checked and rejected.
    const raw = request.body === undefined ? {} : request.body;
    const body = parseOrThrow(updateCustomerBody, raw, "request body");
    const updated = customers.update(clinic, customerId, {
      name: body.expressCustomerName,
      metadata: body.metadata,
    });

    return toWireCustomer(foundOrThrow(updated, customerId));
  });

  app.get("/v1/express", async (request) => {
    const query = parseOrThrow(listCustomersQuery, request.query, "query");
    const position = query.cursor === undefined ? undefined : context.cursors.decode(query.cursor);
    const page = customers.list(identityOf(request).clinic, position, query.limit);
    const last = page.customers.at(-1);

    // The last page carries no cursor at all, so Java and C# clients stop too.
    return {
      expressCustomers: page.customers.map(toWireCustomer),
      hasMore: page.hasMore,
      ...(page.hasMore && last !== undefined ? { cursor: context.cursors.encode(last) } : {}),
    };
  });

  for (const [action, isActive] of [
    ["deactivate", false],
    ["reactivate", true],
  ] as const) {
    app.post(`/v1/express/:expressCustomerId/${action}`, async (request: WithCustomerId) => {
      const customerId = customerIdOf(request);
      const clinic = identityOf(request).clinic;
      const record = CUSTOMER_ID_PATTERN.test(customerId)
        ? customers.setActive(clinic, customerId, isActive)
        : undefined;

      return toWireCustomer(foundOrThrow(record, customerId));
    });
  }
}

/** Finds a customer of `clinic` by a path ID, treating malformed IDs as unknown (D10). */
export function findValid(
  context: EmulatorContext,
  clinic: string,
  customerId: string,
): CustomerRecord | undefined {
  return CUSTOMER_ID_PATTERN.test(customerId)
    ? context.store.customers.find(clinic, customerId)
    : undefined;
}
