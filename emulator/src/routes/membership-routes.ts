import type { FastifyInstance, FastifyRequest } from "fastify";

import { ApiError } from "../api-error";
import { identityOf } from "../auth";
import type { EmulatorContext } from "../emulator-context";
import { membershipBody } from "../request-schemas";
import { parseOrThrow } from "../validation";
import { customerIdOf, findValid, foundOrThrow } from "./customer-routes";

type MembershipRequest = FastifyRequest<{ Params: { expressCustomerId: string } }>;

/** The "standard success response" of the users subresource. */
const SUCCESS = { success: true, message: "Operation completed successfully" };

/** Registers `POST` and `DELETE /v1/express/{id}/users` with the membership rules of D7. */
export function registerMembershipRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { users, memberships } = context.store;

  function resolve(request: MembershipRequest) {
    const customerId = customerIdOf(request);
    const customer = foundOrThrow(
      findValid(context, identityOf(request).clinic, customerId),
      customerId,
    );
    const { userId } = parseOrThrow(membershipBody, request.body, "request body");

    if (!users.exists(userId)) {
      throw new ApiError(
        404,
        "user_not_found",
        `No user ${userId} exists. Create the user first (in the emulator: POST /_emulator/users).`,
      );
    }

    return { customer, userId };
  }

  app.post("/v1/express/:expressCustomerId/users", async (request: MembershipRequest) => {
    const { customer, userId } = resolve(request);

    if (!customer.isActive) {
      throw new ApiError(
        409,
        "customer_inactive",
        `Express customer ${customer.customerId} is deactivated, so users cannot be added. ` +
          "Reactivate it first (POST /v1/express/{id}/reactivate).",
        undefined,
        { "x-should-retry": "false" },
      );
    }

    memberships.add(customer.customerId, userId);

    return SUCCESS;
  });

  app.delete("/v1/express/:expressCustomerId/users", async (request: MembershipRequest) => {
    const { customer, userId } = resolve(request);

    if (!memberships.remove(customer.customerId, userId)) {
      throw new ApiError(
        404,
        "not_a_member",
        `User ${userId} is not a member of Express customer ${customer.customerId}; ` +
          "there is nothing to remove.",
      );
    }

    return SUCCESS;
  });
}
