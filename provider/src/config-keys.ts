/**
 * The stack configuration keys the provider reads. A module of their own, so the program process
 * can name them without loading the HTTP client.
 */

/** The stack configuration key of the API key; set it with `--secret`. */
export const API_KEY_CONFIG = "avara:apiKey";

/** The stack configuration key of the base URL. */
export const BASE_URL_CONFIG = "avara:baseUrl";
