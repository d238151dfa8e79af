import { IsUUID } from 'class-validator';

export class OrderIdRequest {
  @IsUUID('4')
  orderId!: string;
}
