/** The station's HTTP client for the registry (see ARCHITECTURE.md, "Registry client"). */
export {
  RegistryClient,
  type RegistryClientOptions,
  type MutationResult,
  type OrderMutation,
  type ImageBytes,
} from './registry-client';
export { RegistryError, type RegistryErrorCode, type ClientErrorCode } from './errors';
export { RegistrySession, type SessionTokens, type SessionPersistence, type SessionState } from './session';
export { uploadBlob, type BlobUploadOptions, type BlobUploadResult } from './tus-upload';
export { registryBaseUrl } from './base-url';
