export type Matrix = number[][];
export type Cache = [x: Matrix, w: Matrix, b: number[]];
