/**
 * pulumi-avara: Avara Express customers as Pulumi resources.
 *
 * @example
 * import * as avara from "pulumi-avara";
 * new avara.ExpressCustomer("radiology", { expressCustomerName: "City Radiology" });
 */
export type { ExpressCustomerArgs } from "./express-customer/inputs";
export type { ExpressCustomerOutputs } from "./express-customer/outputs";
export { EXPRESS_CUSTOMER_TYPE, ExpressCustomer } from "./express-customer/resource";
