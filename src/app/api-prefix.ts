import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const PREFIXED = Symbol('furrow:api-prefixed');

/**
 * Puts `prefix` in front of the path of every controller but those `keepAtRoot` names
 * (the pages, health, metrics). A global prefix with exclusions cannot do this: an exclusion
 * is a path, and a page may share its path with an API route (`/checkout` and
 * `/api/v1/checkout`), which would then lose its prefix too. Idempotent: tests build the
 * application more than once in one process, and the metadata lives on the classes.
 */
export function prefixControllers(
  app: NestFastifyApplication,
  prefix: string,
  keepAtRoot: (controller: object, path: string) => boolean,
): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as object | null;
      if (!controller || Reflect.getMetadata(PREFIXED, controller)) continue;
      const own = (Reflect.getMetadata(PATH_METADATA, controller) ?? '') as string | string[];
      const paths = Array.isArray(own) ? own : [own];
      const bare = paths.map((p) => String(p).replace(/^\/|\/$/g, ''));
      Reflect.defineMetadata(PREFIXED, true, controller);
      if (bare.some((p) => keepAtRoot(controller, p))) continue;
      const prefixed = bare.map((p) => [prefix, p].filter(Boolean).join('/'));
      Reflect.defineMetadata(PATH_METADATA, Array.isArray(own) ? prefixed : prefixed[0], controller);
    }
  }
}
