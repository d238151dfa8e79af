/** The data of a command that takes no arguments. A class, so validation rejects extra fields. */
export class EmptyRequest {}
