import { yuanToFen } from '../../src/modules/catalog/product-csv';

describe('yuan to fen', () => {
  it.each([
    ['59.9', 5990],
    ['59.90', 5990],
    ['0.01', 1],
    ['168', 16800],
    ['12000.5', 1200050],
  ])('reads %s yuan as %d fen exactly', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it.each(['59.999', '-1', '1e3', '5,99', 'abc'])('leaves %s for the schema to refuse', (yuan) => {
    expect(typeof yuanToFen(yuan)).toBe('string');
  });
});
