import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsString, validate } from 'class-validator';
import { NestedArray, NestedObject, OptionalField } from './dto-decorators';

class Child {
  @IsString() name!: string;
}

class Parent {
  @NestedObject(() => Child) child!: Child;
  @OptionalField() @IsString() note?: string;
  @OptionalField() @NestedArray(() => Child) children?: Child[];
}

const failing = async (plain: object): Promise<string[]> => {
  const errors = await validate(plainToInstance(Parent, plain), { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => e.property);
};

describe('DTO rules for optional and nested fields', () => {
  const valid = { child: { name: 'a' } };

  it('accepts a valid body, with and without the optional fields', async () => {
    expect(await failing(valid)).toEqual([]);
    expect(await failing({ ...valid, note: 'n', children: [{ name: 'b' }] })).toEqual([]);
  });

  it('refuses null for an optional field instead of passing it on (an omitted field stays fine)', async () => {
    expect(await failing({ ...valid, note: null })).toEqual(['note']);
    expect(await failing({ ...valid, children: null })).toEqual(['children']);
  });

  it('refuses a required nested object that is missing, null, a list or a scalar', async () => {
    for (const child of [undefined, null, [{ name: 'a' }], 'a', 1]) expect(await failing({ child })).toEqual(['child']);
    expect(await failing({ child: {} })).toEqual(['child']);
  });

  it('refuses a list of nested objects with a null, a scalar or a nested list as an element', async () => {
    for (const element of [null, 'a', [{ name: 'a' }]])
      expect(await failing({ ...valid, children: [element] })).toEqual(['children']);
    expect(await failing({ ...valid, children: { 0: { name: 'a' } } })).toEqual(['children']);
  });
});
