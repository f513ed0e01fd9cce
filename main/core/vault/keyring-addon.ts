import type * as Keyring from '@napi-rs/keyring';

/**
 * The name of this platform's prebuilt binding package, as @napi-rs/keyring's optionalDependencies name them
 * (`@napi-rs/keyring-<platform>-<arch>[-<abi>]`), for the glibc build on Linux.
 */
function bindingPackage(): string {
  const abi =
    process.platform === 'linux'
      ? process.arch === 'arm'
        ? '-gnueabihf'
        : '-gnu'
      : process.platform === 'win32'
        ? '-msvc'
        : '';
  return `@napi-rs/keyring-${process.platform}-${process.arch}${abi}`;
}

/**
 * Load the keychain addon through `require`. The platform's binding package directly: @napi-rs/keyring's own
 * loader is 29 KB compiled at every start, reads /usr/bin/ldd to tell musl from glibc and tries a local
 * `.node` first: 2.2 ms, against 1.1 ms for the binding package alone (timed in-process), for the same
 * native module, which that loader exports as it is. Anything else (musl, where the glibc binding is absent or fails to load; a nested
 * install; a binding without the classes) goes through that loader, which reports what is missing.
 */
export function loadKeyring(require: NodeJS.Require): typeof Keyring {
  try {
    const binding = require(bindingPackage()) as Partial<typeof Keyring>;
    if (typeof binding.AsyncEntry === 'function') return binding as typeof Keyring;
  } catch {
    // not this platform's binding: the package's loader finds the right one
  }
  return require('@napi-rs/keyring') as typeof Keyring;
}
