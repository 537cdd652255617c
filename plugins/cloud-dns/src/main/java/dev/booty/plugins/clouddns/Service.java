package dev.booty.plugins.clouddns;

/**
 * What tells one cloud DNS provider's API apart where the shared code names it: in progress lines,
 * errors and the state file's name.
 *
 * @param id the extension's id, which also starts every message ({@code cloudflare})
 * @param token what the token is called in errors ({@code API token}, {@code access token})
 * @param tokenEnv the environment variable read when option {@code tokenEnv} is not set
 * @param endpoint the API's base URL when option {@code endpoint} is not set
 */
record Service(String id, String token, String tokenEnv, String endpoint) {}
