import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { routeMetadata } from './route-metadata';

const ROLES = 'roles';

@SetMetadata(ROLES, ['staff'])
class KitchenController {
  tickets() {
    return [];
  }

  @SetMetadata(ROLES, ['admin'])
  purge() {
    return [];
  }
}

class MenuController {
  list() {
    return [];
  }
}

/** A subclass shares its parent's handler functions, with metadata of its own on the class. */
@SetMetadata(ROLES, ['customer'])
class PublicKitchenController extends KitchenController {}

const contextOf = (controller: object, handler: () => unknown) => ({ getClass: () => controller, getHandler: () => handler }) as unknown as ExecutionContext;

describe('routeMetadata', () => {
  it('reads as Reflector.getAllAndOverride does: the handler first, then the controller, else undefined', () => {
    const roles = routeMetadata<string[]>(new Reflector(), ROLES);
    expect(roles(contextOf(KitchenController, KitchenController.prototype.purge))).toEqual(['admin']);
    expect(roles(contextOf(KitchenController, KitchenController.prototype.tickets))).toEqual(['staff']);
    expect(roles(contextOf(MenuController, MenuController.prototype.list))).toBeUndefined();
  });

  it('tells apart two controllers that share a handler', () => {
    const roles = routeMetadata<string[]>(new Reflector(), ROLES);
    expect(roles(contextOf(KitchenController, KitchenController.prototype.tickets))).toEqual(['staff']);
    expect(roles(contextOf(PublicKitchenController, PublicKitchenController.prototype.tickets))).toEqual(['customer']);
  });

  it('asks the reflector once per route, undefined answers included', () => {
    const reflector = new Reflector();
    const ask = jest.spyOn(reflector, 'getAllAndOverride');
    const roles = routeMetadata<string[]>(reflector, ROLES);
    for (let i = 0; i < 3; i++) {
      roles(contextOf(KitchenController, KitchenController.prototype.purge));
      roles(contextOf(MenuController, MenuController.prototype.list));
    }
    expect(ask).toHaveBeenCalledTimes(2);
  });
});
