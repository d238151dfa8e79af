#!/usr/bin/env node
// A bare NestJS gateway: Nest + Fastify, one controller forwarding GET /v1/menu/:id
// through Nest's own ClientTCP (rxjs, JsonSocket) to the raw server of floor-hop.mjs.
// No guards, pipes, interceptors, headers or resilience: `npm run bench` reports it
// beside floor-hop so the framework's own share of a hop is measured, not guessed.
// Plain JavaScript, so decorators are applied by hand.
//
//   node bench/floor-nest.mjs PORT SERVER_PORT
import 'reflect-metadata';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { firstValueFrom } from 'rxjs';

const [port, serverPort] = process.argv.slice(2).map(Number);
const menu = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: serverPort } });

class MenuController {
  get(id) {
    return firstValueFrom(menu.send('menu.pizza.get', { id }));
  }
}
Controller('v1/menu')(MenuController);
Param('id')(MenuController.prototype, 'get', 0);
Get(':id')(MenuController.prototype, 'get', Object.getOwnPropertyDescriptor(MenuController.prototype, 'get'));
Reflect.defineMetadata('design:paramtypes', [String], MenuController.prototype, 'get');

class AppModule {}
Module({ controllers: [MenuController] })(AppModule);

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
await app.listen(port, '127.0.0.1');
