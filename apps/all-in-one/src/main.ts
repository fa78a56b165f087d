import 'reflect-metadata';
import { runService } from '@lib/platform';
import { allInOneDefinition } from './all-in-one.definition';

void runService(allInOneDefinition);
