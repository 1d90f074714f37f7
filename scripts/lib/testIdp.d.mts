export declare const TEST_IDP_CLIENT: { clientId: string; clientSecret: string };

export interface TestIdp {
  issuer: string;
  /** login name → extra ID-token claims; delete an entry to disable the account. */
  accounts: Map<string, Record<string, unknown>>;
  stop(): Promise<void>;
}

export declare function startTestIdp(options: {
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  accounts?: Record<string, Record<string, unknown>>;
}): Promise<TestIdp>;
