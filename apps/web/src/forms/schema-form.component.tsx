import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { JsonSchema } from '../api/api-client';
import { chinaInstant } from '../shell/format';

/**
 * One generic form for every command (issue 16): fields, Chinese labels, choices and checks come
 * from the action's JSON Schema, so a new command needs no new UI code. Strings, dates and
 * date-times, numbers, booleans, enumerations (`oneOf: [{ const, title }]`) as selects, arrays of
 * strings as tag lists, arrays of objects as repeatable groups, nested objects as groups.
 */

type NamePath = (string | number)[];

const titleOf = (name: string, schema: JsonSchema): string => schema.title ?? name;

const choicesOf = (schema: JsonSchema | undefined): { value: string | number | boolean; label: string }[] | undefined =>
  schema?.oneOf?.map((o) => ({ value: o.const, label: o.title ?? String(o.const) })) ??
  schema?.enum?.map((v) => ({ value: v, label: String(v) }));

/**
 * A required list (JSON Schema `required`) must be sent, not filled: an empty one is sent as `[]`
 * (withRequiredLists), and only `minItems` asks for entries — e.g. a referral proposal may claim no
 * situation (a discretionary transfer, 行政复议法 art. 85) and a draft may have no attachment yet.
 */
const rulesOf = (title: string, schema: JsonSchema, required: boolean): FormRule[] => {
  const rules: FormRule[] = [];
  const choosing =
    choicesOf(schema) !== undefined ||
    choicesOf(schema.items) !== undefined ||
    schema.format === 'date' ||
    schema.format === 'date-time';
  const ask = `请${choosing ? '选择' : '填写'}${title}`;
  if (schema.type === 'array') {
    if (schema.minItems)
      rules.push({
        required: true,
        type: 'array',
        min: schema.minItems,
        message: schema.minItems > 1 ? `「${title}」至少 ${schema.minItems} 项` : ask,
      });
  } else if (required) rules.push({ required: true, message: ask });
  if (schema.type === 'string' && !choosing) {
    if (schema.minLength) rules.push({ min: schema.minLength, message: `「${title}」至少 ${schema.minLength} 个字` });
    if (schema.maxLength) rules.push({ max: schema.maxLength, message: `「${title}」最多 ${schema.maxLength} 个字` });
  }
  if (schema.type === 'array') {
    if (schema.maxItems)
      rules.push({ type: 'array', max: schema.maxItems, message: `「${title}」最多 ${schema.maxItems} 项` });
  }
  return rules;
};

const dateProps = (withTime: boolean) => ({
  // A stored instant is shown as its Beijing wall-clock time (UTC+8, no daylight saving).
  getValueProps: (value: unknown) => ({
    value:
      typeof value !== 'string' || !value
        ? undefined
        : withTime
          ? dayjs(new Date(Date.parse(value) + 8 * 3_600_000).toISOString().slice(0, 19))
          : dayjs(value),
  }),
  normalize: (value: Dayjs | null) =>
    value ? (withTime ? chinaInstant(value) : value.format('YYYY-MM-DD')) : undefined,
});

type SelectProps = Parameters<typeof Select>[0];

/**
 * Form.Item hands its control aria-required / aria-invalid; Ant Design's Select puts them on a
 * plain div, which axe-core reports as a critical violation. The label (htmlFor the input's id)
 * and the visible message say the same, so only what a select needs is passed on. Every option is
 * rendered (no virtual list): the catalogues' lists are short (tens), and a screen reader or a search
 * of the page then finds an option below the first screenful too.
 */
const Choice = (props: SelectProps) => (
  <Select
    virtual={false}
    {...(Object.fromEntries(Object.entries(props).filter(([key]) => !key.startsWith('aria-'))) as SelectProps)}
  />
);

const Field = ({
  name,
  path,
  schema,
  required,
}: {
  name: string;
  path: NamePath;
  schema: JsonSchema;
  required: boolean;
}) => {
  const title = titleOf(name, schema);
  const common = { name: path, label: title, tooltip: schema.description, rules: rulesOf(title, schema, required) };
  const choices = choicesOf(schema);
  if (choices) {
    return (
      <Form.Item {...common}>
        <Choice options={choices} placeholder={`请选择${title}`} allowClear={!required} />
      </Form.Item>
    );
  }
  switch (schema.type) {
    case 'object':
      return (
        <Card size="small" title={title} style={{ marginBottom: 16 }}>
          <Fields schema={schema} path={path} optional={!required} />
        </Card>
      );
    case 'array': {
      const items = schema.items ?? { type: 'string' };
      if (items.type === 'object' || items.properties) return <ObjectList name={name} path={path} schema={schema} />;
      const itemChoices = choicesOf(items);
      return (
        <Form.Item {...common}>
          <Choice
            mode={itemChoices ? 'multiple' : 'tags'}
            options={itemChoices}
            placeholder={itemChoices ? `请选择${title}` : `输入${title}后按回车，可填多项`}

            tokenSeparators={itemChoices ? undefined : ['\n']}
          />
        </Form.Item>
      );
    }
    case 'integer':
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber
            min={schema.minimum}
            max={schema.maximum}
            precision={schema.type === 'integer' ? 0 : undefined}

            style={{ width: '100%' }}
          />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked" rules={[]} initialValue={false}>
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      );
    default:
      if (schema.format === 'date' || schema.format === 'date-time') {
        const withTime = schema.format === 'date-time';
        return (
          <Form.Item {...common} {...dateProps(withTime)}>
            <DatePicker
              showTime={withTime}
              style={{ width: '100%' }}

              placeholder={`请选择${title}`}
            />
          </Form.Item>
        );
      }
      return (
        <Form.Item {...common}>
          {(schema.maxLength ?? 0) > 200 ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} /> : <Input />}
        </Form.Item>
      );
  }
};

const ObjectList = ({ name, path, schema }: { name: string; path: NamePath; schema: JsonSchema }) => {
  const title = titleOf(name, schema);
  const items = schema.items ?? {};
  return (
    <Form.List
      name={path}
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            const count = value?.length ?? 0;
            if (schema.minItems && count < schema.minItems) throw new Error(`请至少添加 ${schema.minItems} 项${title}`);
            if (schema.maxItems && count > schema.maxItems) throw new Error(`「${title}」最多 ${schema.maxItems} 项`);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={title} tooltip={schema.description} required={(schema.minItems ?? 0) > 0}>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={`${title} ${index + 1}`}
              style={{ marginBottom: 8 }}
              extra={
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={`删除${title} ${index + 1}`}
                />
              }
            >
              <Fields schema={items} path={[field.name]} />
            </Card>
          ))}
          <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} block>
            添加{title}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
};

/**
 * `optional`: the group itself may be left out (e.g. 作出处理的机关 on an outcome, which defaults to
 * the recording body), so its own required fields are required only by the API once it is filled in.
 */
export const Fields = ({
  schema,
  path = [],
  optional = false,
}: {
  schema: JsonSchema;
  path?: NamePath;
  optional?: boolean;
}) => (
  <>
    {Object.entries(schema.properties ?? {}).map(([name, child]) => (
      <Field
        key={name}
        name={name}
        path={[...path, name]}
        schema={child}
        required={!optional && (schema.required ?? []).includes(name)}
      />
    ))}
  </>
);

/** Drops what the user left empty: the API refuses `null` and empty optional values are absent, not blank. */
export const compact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(compact).filter((v) => v !== undefined);
  if (value && typeof value === 'object' && !dayjs.isDayjs(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, compact(v)] as const)
      .filter(([, v]) => v !== undefined);
    // A group left empty is left out (an optional one is absent, not `{}`).
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value === null || value === '' ? undefined : value;
};

/** Adds `[]` for every required list the user left empty (absent), in nested groups and list entries too. */
export const withRequiredLists = (schema: JsonSchema | undefined, value: unknown): unknown => {
  if (!schema) return value;
  if (Array.isArray(value)) return value.map((item) => withRequiredLists(schema.items, item));
  if (!value || typeof value !== 'object' || !schema.properties) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, child] of Object.entries(schema.properties)) {
    if (out[name] !== undefined) out[name] = withRequiredLists(child, out[name]);
    else if (child.type === 'array' && (schema.required ?? []).includes(name)) out[name] = [];
  }
  return out;
};

/** Puts the API's field errors (`items.0.issue`) on the fields they name; answers whether any was placed. */
export const showFieldErrors = (
  form: FormInstance,
  errors: readonly { field: string; messages: readonly string[] }[],
): boolean => {
  const fields = errors
    .filter((e) => e.field)
    .map((e) => ({
      name: e.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [...e.messages],
    }));
  form.setFields(fields);
  return fields.length > 0;
};
