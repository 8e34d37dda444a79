import 'reflect-metadata';
import { ServiceContract } from '../subgraphs/customers/contract/contract.entity';
import { recordsOf } from './entity-columns';

describe('CSV columns of an entity', () => {
  it('take the type and optionality of the entity property of their name, in the order given', () => {
    const { columns } = recordsOf(ServiceContract, { status: 'stands', licenceId: 'on a licence', coresInUse: 'cores', endsOn: 'end' });
    expect(columns).toEqual([
      { name: 'status', type: { kind: 'enum', values: ['ACTIVE', 'ENDED'] }, required: true, description: 'stands' },
      { name: 'licenceId', type: { kind: 'id' }, required: false, description: 'on a licence' },
      { name: 'coresInUse', type: { kind: 'count' }, required: true, description: 'cores' },
      { name: 'endsOn', type: { kind: 'date' }, required: false, description: 'end' },
    ]);
  });

  it('differ from the entity only where an override says so, and a column the entity lacks needs its type and optionality', () => {
    const { columns } = recordsOf(ServiceContract, { endsOn: 'end' }, { endsOn: { required: true, whenAbsent: null } });
    expect(columns).toEqual([{ name: 'endsOn', type: { kind: 'date' }, required: true, description: 'end', whenAbsent: null }]);
    expect(() => recordsOf(ServiceContract, { providerCode: 'the provider' })).toThrow('ServiceContract has no column providerCode');
    expect(recordsOf(ServiceContract, { note: 'free' }, { note: { type: { kind: 'text' }, required: false } }).columns).toEqual([
      { name: 'note', type: { kind: 'text' }, required: false, description: 'free' },
    ]);
  });
});
