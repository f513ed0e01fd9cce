// Setup of the renderer project (vitest.config.ts). Test files run two at a time, beside the node project's
// key generation, so a first render (lazy pages, MUI's styles) can take longer than Testing Library's default
// 1 s. `findBy…` and `waitFor` wait on app state, never on time, so a longer ceiling costs nothing when
// things are fast and only turns a slow machine's false failure into a pass.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
